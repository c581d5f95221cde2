//! The Center's time limits and caps on clients: how long a client may take over each part of
//! a connection, how many connections it may hold, how often it may try enrollment. The values
//! live here; `server`, `connection`, `admission` and `rate_limit` enforce them.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// From accepting the TCP connection to the end of the TLS handshake.
    pub handshake_timeout: Duration,
    /// For a request's head (request line and headers), counted from when the Center starts
    /// waiting for it. On HTTP/1.1 that wait starts right after the previous answer, so a
    /// keep-alive connection idle for longer than this is closed too.
    pub header_read_timeout: Duration,
    /// A connection with no request in flight for this long is closed (gracefully: an answer
    /// being written is finished first).
    pub idle_timeout: Duration,
    /// For a request's whole body, from the end of its head: a client that trickles a body is
    /// answered 408 and cut off.
    pub body_read_timeout: Duration,
    /// Open connections in all; one over it is closed at once, before any TLS work. Keep it
    /// well under the process's open-files limit (`ulimit -n`): the database and the listener
    /// need descriptors too.
    pub max_connections: usize,
    /// Open connections from one IP address; one over it is closed at once.
    pub max_connections_per_ip: usize,
    /// Enrollment requests (proof and enrollment together) one IP address may make a minute,
    /// in a burst or spread out; more are answered 429 `rate_limited`.
    pub enrollment_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            handshake_timeout: Duration::from_secs(15),
            header_read_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(30),
            // A device gives up on a whole request after 60 seconds (the sync client's
            // default); a body still arriving after that is nobody's.
            body_read_timeout: Duration::from_secs(60),
            // Under the common default of 1,024 open files, with room to spare; one office
            // behind one address is still far from its share.
            max_connections: 512,
            max_connections_per_ip: 32,
            // A whole training session enrolling from one office's address fits; probing the
            // space of code ids from one address does not.
            enrollment_per_minute: 30,
        }
    }
}
