"""Pages of the leernetwerk, one module per sub-domain."""
