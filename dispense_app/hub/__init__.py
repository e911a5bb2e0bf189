"""Hub protocols (FMD REST, US VRS), the client and the hub simulator."""
