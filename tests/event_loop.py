"""Run code while an event loop runs in this thread, as under an async caller or Playwright's sync API."""

import asyncio


def with_a_running_loop(function):
    """function() called while an event loop runs in this thread (Playwright's, once the browser journeys
    have started one in this test process; else a loop of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async def call():
            return function()

        return asyncio.run(call())
    return function()
