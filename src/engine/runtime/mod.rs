//! Instance processes: Python and Node.js bootstrap shims speaking the FC Runtime API, custom runtimes, the sandbox.
