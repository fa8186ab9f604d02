"""The Gap matrix view, its models and chart."""
