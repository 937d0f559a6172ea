"""`make bench`: throughput side by side with baselines, measured in one run."""
