// accept4 is a GNU extension of <sys/socket.h>.
#define _GNU_SOURCE
#include "petrel_accept.h"

#include <stddef.h>
#include <sys/socket.h>

int petrel_accept_cloexec(int socket) { return accept4(socket, NULL, NULL, SOCK_CLOEXEC); }
