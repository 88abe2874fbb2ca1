"""Sub-commands of ``clearinghouse``; each module has ``register(subparsers)``."""
