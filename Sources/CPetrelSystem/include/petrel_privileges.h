// Privilege half of CPetrelSystem: only what Swift cannot import by itself.
// Raw syscall() wrappers (syscall and prctl are variadic), kernel structs and
// constants that are macros Swift does not import or that the installed uapi
// headers are too old to know (Landlock past ABI 2).
#ifndef PETREL_PRIVILEGES_H
#define PETREL_PRIVILEGES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <asm/unistd.h>
#include <fcntl.h>
#include <sys/prctl.h>

// MARK: - Capabilities (capget/capset, version 3: two 32-bit words)

static const uint32_t PETREL_CAPABILITY_VERSION_3 = _LINUX_CAPABILITY_VERSION_3;

int petrel_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct data[2]);
int petrel_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct data[2]);

// MARK: - prctl (variadic in glibc)

int petrel_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5);

// MARK: - Credentials (glibc's wrappers apply the change to every thread)

int petrel_setresuid(uid_t real, uid_t effective, uid_t saved);
int petrel_setresgid(gid_t real, gid_t effective, gid_t saved);
int petrel_getresuid(uid_t *real, uid_t *effective, uid_t *saved);
int petrel_getresgid(gid_t *real, gid_t *effective, gid_t *saved);
int petrel_setgroups(size_t count, const gid_t *groups);

// MARK: - Landlock
// Mirrors the kernel ABI 6 layout. The installed <linux/landlock.h> may be older
// than the running kernel, so the structs and constants are spelled out here.

struct petrel_landlock_ruleset_attr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;  // ABI >= 4
  uint64_t scoped;              // ABI >= 6
};

struct petrel_landlock_net_port_attr {
  uint64_t allowed_access;
  uint64_t port;
};

static const uint32_t PETREL_LANDLOCK_CREATE_RULESET_VERSION = 1U << 0;
static const int PETREL_LANDLOCK_RULE_NET_PORT = 2;

static const uint64_t PETREL_LANDLOCK_ACCESS_FS_EXECUTE = 1ULL << 0;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_WRITE_FILE = 1ULL << 1;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_READ_FILE = 1ULL << 2;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_READ_DIR = 1ULL << 3;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_REMOVE_DIR = 1ULL << 4;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_REMOVE_FILE = 1ULL << 5;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_CHAR = 1ULL << 6;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_DIR = 1ULL << 7;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_REG = 1ULL << 8;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_SOCK = 1ULL << 9;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_FIFO = 1ULL << 10;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_BLOCK = 1ULL << 11;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_MAKE_SYM = 1ULL << 12;
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_REFER = 1ULL << 13;      // ABI >= 2
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_TRUNCATE = 1ULL << 14;   // ABI >= 3
static const uint64_t PETREL_LANDLOCK_ACCESS_FS_IOCTL_DEV = 1ULL << 15;  // ABI >= 5

static const uint64_t PETREL_LANDLOCK_ACCESS_NET_BIND_TCP = 1ULL << 0;     // ABI >= 4
static const uint64_t PETREL_LANDLOCK_ACCESS_NET_CONNECT_TCP = 1ULL << 1;  // ABI >= 4

static const uint64_t PETREL_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET = 1ULL << 0;  // ABI >= 6
static const uint64_t PETREL_LANDLOCK_SCOPE_SIGNAL = 1ULL << 1;                // ABI >= 6

int petrel_landlock_create_ruleset(const struct petrel_landlock_ruleset_attr *attr, size_t size, uint32_t flags);
int petrel_landlock_add_net_port_rule(int ruleset_fd, const struct petrel_landlock_net_port_attr *attr);
int petrel_landlock_restrict_self(int ruleset_fd, uint32_t flags);

// MARK: - Seccomp

static const uint32_t PETREL_AUDIT_ARCH_X86_64 = AUDIT_ARCH_X86_64;
static const uint32_t PETREL_AUDIT_ARCH_AARCH64 = AUDIT_ARCH_AARCH64;
#if defined(__x86_64__)
static const uint32_t PETREL_AUDIT_ARCH_NATIVE = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
static const uint32_t PETREL_AUDIT_ARCH_NATIVE = AUDIT_ARCH_AARCH64;
#else
#error "Petrel's seccomp filter knows x86_64 and aarch64 only"
#endif

// Syscall numbers with this bit set are the x32 ABI on x86_64 (same audit arch).
static const uint32_t PETREL_X32_SYSCALL_BIT = 0x40000000U;

static const uint32_t PETREL_SECCOMP_DATA_NR_OFFSET = offsetof(struct seccomp_data, nr);
static const uint32_t PETREL_SECCOMP_DATA_ARCH_OFFSET = offsetof(struct seccomp_data, arch);
static const uint32_t PETREL_SECCOMP_DATA_ARGS_OFFSET = offsetof(struct seccomp_data, args);
static const uint32_t PETREL_SECCOMP_DATA_SIZE = sizeof(struct seccomp_data);

static const uint32_t PETREL_SECCOMP_RET_KILL_PROCESS = SECCOMP_RET_KILL_PROCESS;
static const uint32_t PETREL_SECCOMP_RET_ERRNO = SECCOMP_RET_ERRNO;
static const uint32_t PETREL_SECCOMP_RET_ALLOW = SECCOMP_RET_ALLOW;
static const uint32_t PETREL_SECCOMP_RET_DATA = SECCOMP_RET_DATA;

static const unsigned int PETREL_SECCOMP_FILTER_FLAG_TSYNC = SECCOMP_FILTER_FLAG_TSYNC;

/// Installs a classic-BPF seccomp filter (SECCOMP_SET_MODE_FILTER) with the given flags.
int petrel_seccomp_set_filter(unsigned int flags, const struct sock_filter *instructions, unsigned short count);

// MARK: - Used by the sandbox probe only

long petrel_ptrace_attach(pid_t pid);

#endif
