"""Entry point of the frozen app (the bundle's ``dispense-app`` executable): the console script's main."""

from dispense_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
