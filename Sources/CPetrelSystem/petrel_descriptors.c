// struct ucred is only declared with _GNU_SOURCE, which Swift's view of glibc does not define.
#define _GNU_SOURCE
#include "petrel_descriptors.h"

#include <sys/socket.h>

int petrel_peer_credentials(int socket, pid_t *pid, uid_t *uid, gid_t *gid) {
  struct ucred credentials;
  socklen_t length = sizeof(credentials);
  if (getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) {
    return -1;
  }
  *pid = credentials.pid;
  *uid = credentials.uid;
  *gid = credentials.gid;
  return 0;
}
