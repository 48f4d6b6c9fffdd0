// accept4(2) is only declared with _GNU_SOURCE, which Swift's view of glibc does not define; the control
// server needs it so that an accepted connection is close-on-exec from the first instant.

#ifndef PETREL_ACCEPT_H
#define PETREL_ACCEPT_H

/// accept4(socket, NULL, NULL, SOCK_CLOEXEC): the new descriptor, or -1 and errno.
int petrel_accept_cloexec(int socket);

#endif
