//! The heap audit: recounts references from the roots and containers and reports objects
//! whose stored count differs. Filled in with the cycle collector's traversal.
