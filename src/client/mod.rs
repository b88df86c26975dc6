//! One HTTP client for the FC 3.0 API (reqwest), used for every target: the local engine,
//! Alibaba Cloud FC, or a remote `s engine`. Signs with ACS3-HMAC-SHA256 when it has a key.
