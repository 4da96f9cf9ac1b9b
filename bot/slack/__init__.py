"""The one Slack edge: everything that knows Slack's wire lives in this package.

The Bolt app and its middleware, the Web API client and its retries, the HTTP
server, workspaces and their tokens, and the cache of what Slack says about people.
"""
