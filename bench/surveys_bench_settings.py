"""Settings of the submission benchmark: the project's settings with the submission rate limit off.

Every request of the benchmark comes from 127.0.0.1, which the limiter would (rightly) throttle.
"""

from tripartite.settings import *  # noqa: F401,F403

SURVEYS_SUBMISSIONS_PER_HOUR = 0
