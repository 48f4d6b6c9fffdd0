// Out-of-line wrappers for the variadic or GNU-only calls declared in petrel_privileges.h.
#define _GNU_SOURCE
#include "petrel_privileges.h"

#include <grp.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

int petrel_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct data[2]) {
  return (int)syscall(SYS_capget, header, data);
}

int petrel_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct data[2]) {
  return (int)syscall(SYS_capset, header, data);
}

int petrel_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5) {
  return prctl(option, arg2, arg3, arg4, arg5);
}

int petrel_setresuid(uid_t real, uid_t effective, uid_t saved) { return setresuid(real, effective, saved); }

int petrel_setresgid(gid_t real, gid_t effective, gid_t saved) { return setresgid(real, effective, saved); }

int petrel_getresuid(uid_t *real, uid_t *effective, uid_t *saved) { return getresuid(real, effective, saved); }

int petrel_getresgid(gid_t *real, gid_t *effective, gid_t *saved) { return getresgid(real, effective, saved); }

int petrel_setgroups(size_t count, const gid_t *groups) { return setgroups(count, groups); }

int petrel_landlock_create_ruleset(const struct petrel_landlock_ruleset_attr *attr, size_t size, uint32_t flags) {
  return (int)syscall(SYS_landlock_create_ruleset, attr, size, flags);
}

int petrel_landlock_add_net_port_rule(int ruleset_fd, const struct petrel_landlock_net_port_attr *attr) {
  return (int)syscall(SYS_landlock_add_rule, ruleset_fd, PETREL_LANDLOCK_RULE_NET_PORT, attr, 0U);
}

int petrel_landlock_restrict_self(int ruleset_fd, uint32_t flags) {
  return (int)syscall(SYS_landlock_restrict_self, ruleset_fd, flags);
}

int petrel_seccomp_set_filter(unsigned int flags, const struct sock_filter *instructions, unsigned short count) {
  struct sock_fprog program = {.len = count, .filter = (struct sock_filter *)instructions};
  return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &program);
}

long petrel_ptrace_attach(pid_t pid) { return ptrace(PTRACE_ATTACH, pid, NULL, NULL); }
