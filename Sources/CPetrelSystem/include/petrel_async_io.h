// Signal-driven readiness for upstream UDP sockets: what Swift cannot import from <fcntl.h> (F_SETOWN_EX and
// struct f_owner_ex, F_SETSIG; fcntl is variadic) and <sys/signalfd.h>.
#ifndef PETREL_ASYNC_IO_H
#define PETREL_ASYNC_IO_H

#include <stdint.h>

// The real-time signal the kernel queues, with the socket's descriptor, when an upstream socket becomes readable.
int petrel_async_io_signal(void);

// Blocks the async-I/O signal and SIGIO (the kernel's fallback when the real-time queue is full) in the calling
// thread, and returns a non-blocking, close-on-exec signalfd that reads both; -1 with errno on failure.
int petrel_async_io_signalfd(void);

// The calling thread's id, to direct a socket's signals at it.
int petrel_async_io_thread_id(void);

// Directs `fd`'s readiness signals at thread `tid` (F_SETOWN_EX, F_OWNER_TID) as the async-I/O signal
// (F_SETSIG) and turns them on (O_ASYNC, keeping O_NONBLOCK). 0, or -1 with errno.
int petrel_async_io_watch(int fd, int tid);

// One record read from the signalfd: its size, and the signal number and descriptor in it.
enum { PETREL_SIGNALFD_RECORD_SIZE = 128 };
uint32_t petrel_signalfd_record_signal(const void *record);
int32_t petrel_signalfd_record_descriptor(const void *record);

// SIGIO's number: the kernel sends it instead when the real-time signal queue overflowed.
int petrel_async_io_overflow_signal(void);

#endif
