"""Strategies, priorities, action plans with their actions inline, progress."""
