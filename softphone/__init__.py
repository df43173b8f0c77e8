"""Desktop softphone for healthcare call-centre agents."""

__version__ = "0.1.0"
APP_NAME = "Softphone"
