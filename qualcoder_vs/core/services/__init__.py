"""Core services: one module per use case, and every write of the project goes through one.

Each public method is one action of the store (one transaction, one event), so undo, the audit
trail and a colleague's concurrent write all have one place to be right.
"""
