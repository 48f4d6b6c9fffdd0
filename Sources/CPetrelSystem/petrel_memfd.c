// memfd_create and F_ADD_SEALS/F_GET_SEALS are declared only with _GNU_SOURCE.
#define _GNU_SOURCE
#include "petrel_memfd.h"

#include <fcntl.h>
#include <sys/mman.h>

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

const unsigned int PETREL_SEAL_SEAL = F_SEAL_SEAL;
const unsigned int PETREL_SEAL_SHRINK = F_SEAL_SHRINK;
const unsigned int PETREL_SEAL_GROW = F_SEAL_GROW;
const unsigned int PETREL_SEAL_WRITE = F_SEAL_WRITE;
const unsigned int PETREL_SEAL_FUTURE_WRITE = F_SEAL_FUTURE_WRITE;
const unsigned int PETREL_SEAL_EXEC = F_SEAL_EXEC;

int petrel_memfd_create_sealable(const char *name, int noExecute) {
  unsigned int flags = MFD_CLOEXEC | MFD_ALLOW_SEALING | (noExecute ? MFD_NOEXEC_SEAL : 0U);
  return memfd_create(name, flags);
}

int petrel_add_seals(int descriptor, unsigned int seals) { return fcntl(descriptor, F_ADD_SEALS, seals); }

int petrel_get_seals(int descriptor) { return fcntl(descriptor, F_GET_SEALS); }
