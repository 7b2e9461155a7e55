//! Background work that gives way to the work people wait for.

/// Lowers the calling thread's CPU priority (nice 10), and with it that of
/// the threads it starts. For work nobody waits on while the cores are
/// short: ingest's reading threads beside the one writing the database,
/// the mail worker beside signers under a flood. It still has every core
/// that is idle. Linux only (there a nice value is a thread's own);
/// elsewhere, and on failure, the priority stays as it was.
pub fn give_way() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread; a failure only
    // leaves the priority as it was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}
