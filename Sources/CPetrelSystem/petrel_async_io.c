#define _GNU_SOURCE
#include "petrel_async_io.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <sys/signalfd.h>
#include <unistd.h>

_Static_assert(sizeof(struct signalfd_siginfo) == PETREL_SIGNALFD_RECORD_SIZE, "signalfd record size");

int petrel_async_io_signal(void) { return SIGRTMIN + 4; }

int petrel_async_io_overflow_signal(void) { return SIGIO; }

int petrel_async_io_signalfd(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, petrel_async_io_signal());
  sigaddset(&set, SIGIO);
  int error = pthread_sigmask(SIG_BLOCK, &set, NULL);
  if (error != 0) return -1;
  return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int petrel_async_io_thread_id(void) { return (int)gettid(); }

int petrel_async_io_watch(int fd, int tid) {
  struct f_owner_ex owner = {.type = F_OWNER_TID, .pid = tid};
  if (fcntl(fd, F_SETOWN_EX, &owner) != 0) return -1;
  if (fcntl(fd, F_SETSIG, petrel_async_io_signal()) != 0) return -1;
  return fcntl(fd, F_SETFL, O_NONBLOCK | O_ASYNC);
}

uint32_t petrel_signalfd_record_signal(const void *record) {
  return ((const struct signalfd_siginfo *)record)->ssi_signo;
}

int32_t petrel_signalfd_record_descriptor(const void *record) {
  return ((const struct signalfd_siginfo *)record)->ssi_fd;
}
