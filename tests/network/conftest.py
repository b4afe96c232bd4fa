import pytest


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """``with on_commit(): ...`` runs what the code scheduled for after the
    commit (e-mails, tasks) when the block ends, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
