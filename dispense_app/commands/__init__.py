"""Command-line subcommands, one module each.

Every module here defines ``register(subparsers) -> None`` which adds its subcommand(s) and sets
``func`` on the parser to a callable ``(args) -> int``. Modules must be cheap to import: heavy
imports (Qt, OpenCV, httpx, the simulator) go inside the command functions, so that
``dispense-app parse`` starts fast.
"""
