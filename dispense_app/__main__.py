"""`python -m dispense_app` is the same as the `dispense-app` console script."""

from dispense_app.cli import main

raise SystemExit(main())
