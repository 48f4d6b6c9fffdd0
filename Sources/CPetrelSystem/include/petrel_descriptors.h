// The parts of descriptor passing, peer credentials and process descriptors that Swift cannot import:
// the CMSG_* macros, raw syscall() wrappers for the pidfd calls, and SO_PEERCRED's struct ucred
// (which glibc only declares under _GNU_SOURCE). Nothing here does more than one call.

#ifndef PETREL_DESCRIPTORS_H
#define PETREL_DESCRIPTORS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

// MARK: - Control messages (cmsg(3))

/// Bytes of control buffer needed for a control message carrying `length` bytes of data (CMSG_SPACE).
static inline size_t petrel_cmsg_space(size_t length) { return CMSG_SPACE(length); }

/// The value for cmsg_len of a control message carrying `length` bytes of data (CMSG_LEN).
static inline size_t petrel_cmsg_len(size_t length) { return CMSG_LEN(length); }

/// The first control message header of `message`, or NULL (CMSG_FIRSTHDR).
static inline struct cmsghdr *petrel_cmsg_firsthdr(struct msghdr *message) { return CMSG_FIRSTHDR(message); }

/// The control message header after `header`, or NULL (CMSG_NXTHDR).
static inline struct cmsghdr *petrel_cmsg_nxthdr(struct msghdr *message, struct cmsghdr *header) {
  return CMSG_NXTHDR(message, header);
}

/// The data of a control message (CMSG_DATA).
static inline unsigned char *petrel_cmsg_data(struct cmsghdr *header) { return CMSG_DATA(header); }

// MARK: - Process descriptors (raw system calls: glibc 2.36 wrappers are not available everywhere)

/// pidfd_open(2): -1 and errno on failure (ENOSYS before Linux 5.3).
static inline int petrel_pidfd_open(pid_t pid, unsigned int flags) {
  return (int)syscall(SYS_pidfd_open, pid, flags);
}

/// pidfd_getfd(2): -1 and errno on failure (ENOSYS before Linux 5.6).
static inline int petrel_pidfd_getfd(int pidfd, int targetfd, unsigned int flags) {
  return (int)syscall(SYS_pidfd_getfd, pidfd, targetfd, flags);
}

/// pidfd_send_signal(2) with no siginfo: -1 and errno on failure (ENOSYS before Linux 5.1).
static inline int petrel_pidfd_send_signal(int pidfd, int signal, unsigned int flags) {
  return (int)syscall(SYS_pidfd_send_signal, pidfd, signal, NULL, flags);
}

// MARK: - Peer credentials

/// getsockopt(SO_PEERCRED) unpacked into its three fields: 0, or -1 and errno.
int petrel_peer_credentials(int socket, pid_t *pid, uid_t *uid, gid_t *gid);

#endif
