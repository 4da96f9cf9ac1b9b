"""Questions about the goals, answered from stored data: find, assess, answer."""
