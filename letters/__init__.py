"""Letters of a case, rendered to DIN 5008 PDFs."""

import logging

# WeasyPrint reports every step (already while it is imported) and fontTools
# every font it unpacks at INFO; neither belongs in the application log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)
