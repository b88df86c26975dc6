//! Access aliases: secrets in the OS keyring, non-secret fields under `S_HOME`, and the
//! environment overrides Serverless Devs users expect.
