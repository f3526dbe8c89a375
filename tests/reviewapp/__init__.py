"""A model reviewed through ``core.workflow``, installed only in the test settings."""
