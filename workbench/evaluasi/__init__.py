"""Evaluating training on the four levels (reaction, learning, behaviour, results)."""
