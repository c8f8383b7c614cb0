//! The ministry's pages over HTTP: what is on them, what their forms change, who is refused.
