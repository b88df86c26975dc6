//! The templates compiled into the binary (`templates/<name>/`): their descriptions and
//! parameters, and rendering into a project folder (never outside it). Must not print.
