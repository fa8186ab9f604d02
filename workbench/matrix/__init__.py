"""The PKSB gap matrix: snapshots, ratings and comparisons."""
