//! Filled in by a later part of the engine.
