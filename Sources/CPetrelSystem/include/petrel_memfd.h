// Sealed memory files for handing data to another process without writing a file anywhere: memfd_create
// and the sealing fcntl commands are GNU/Linux-only declarations Swift's view of glibc does not show.

#ifndef PETREL_MEMFD_H
#define PETREL_MEMFD_H

#include <stdint.h>

/// MFD_CLOEXEC | MFD_ALLOW_SEALING, plus MFD_NOEXEC_SEAL (Linux 6.3) when `noExecute` is non-zero.
/// The new descriptor, or -1 and errno (EINVAL from a kernel that does not know MFD_NOEXEC_SEAL).
int petrel_memfd_create_sealable(const char *name, int noExecute);

/// fcntl(F_ADD_SEALS, seals): 0, or -1 and errno.
int petrel_add_seals(int descriptor, unsigned int seals);

/// fcntl(F_GET_SEALS): the seals, or -1 and errno (EINVAL: not a file that supports sealing).
int petrel_get_seals(int descriptor);

/// The F_SEAL_* bits, as the kernel defines them.
extern const unsigned int PETREL_SEAL_SEAL;
extern const unsigned int PETREL_SEAL_SHRINK;
extern const unsigned int PETREL_SEAL_GROW;
extern const unsigned int PETREL_SEAL_WRITE;
extern const unsigned int PETREL_SEAL_FUTURE_WRITE;
extern const unsigned int PETREL_SEAL_EXEC;

#endif
