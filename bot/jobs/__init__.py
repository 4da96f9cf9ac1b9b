"""Slack's requests as jobs: the front acknowledges and enqueues, workers do the work.

`checkin-bot run` is the front: it verifies each request (Bolt's own signature check),
puts the work on a bounded queue and answers Slack at once. The work is done by worker
threads in the same process (the default, no extra service) or, with
`JOB_QUEUE=postgres`, by any number of `checkin-bot worker` processes reading a
PostgreSQL queue. Jobs run at least once; `@once` makes a second run change nothing.
"""
