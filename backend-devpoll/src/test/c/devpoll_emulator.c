/*
 * A Solaris /dev/poll ABI emulator for Linux, so the devpoll backend can be tested where there is no /dev/poll.
 *
 * It exports open, write, ioctl and close. Only "/dev/poll" and the fds it returned are handled here; every other
 * call goes through to libc. A /dev/poll fd is a real eventfd (so close-on-exec and fcntl work) with a set of
 * (fd, events) entries behind it, with Solaris's semantics:
 *   write() of pollfd arrays ORs each mask into the fd's entry (adding it if new); POLLREMOVE drops the entry;
 *   ioctl(DP_POLL, struct dvpoll *) waits (dp_timeout ms, -1 forever) and fills dp_fds with up to dp_nfds ready
 *   entries, returning their count; ioctl(DP_ISPOLLED, struct pollfd *) says whether an fd is in the set and with
 *   which events; an fd that was closed leaves the set (as on illumos).
 * Not modelled: /dev/poll fds shared across fork, DP_POLL from several threads at once on one set, writes from other
 * threads becoming visible to a DP_POLL already blocked (the backend wakes it through its self-pipe instead).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#undef POLLREMOVE /* Linux headers give it another value; Solaris uses 0x0800 */
#define POLLREMOVE 0x0800
#define DP_POLL 0xD001
#define DP_ISPOLLED 0xD002

struct dvpoll {
    struct pollfd *dp_fds;
    unsigned long dp_nfds;
    int dp_timeout;
};

struct devpoll {
    pthread_mutex_t lock;
    struct pollfd *entries;
    unsigned long *added; /* parallel to entries: when each entry was added, so a stale poll result can be told */
    unsigned long adds;
    int count, capacity;
};

#define MAX_DP 65536
static struct devpoll *sets[MAX_DP];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static int (*real_open)(const char *, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_ioctl)(int, unsigned long, ...);
static int (*real_close)(int);

static void bind_real(void) {
    if (!real_open) {
        real_write = (ssize_t (*)(int, const void *, size_t)) dlsym(RTLD_NEXT, "write");
        real_ioctl = (int (*)(int, unsigned long, ...)) dlsym(RTLD_NEXT, "ioctl");
        real_close = (int (*)(int)) dlsym(RTLD_NEXT, "close");
        real_open = (int (*)(const char *, int, ...)) dlsym(RTLD_NEXT, "open");
    }
}

static struct devpoll *lookup(int fd) {
    if (fd < 0 || fd >= MAX_DP) return NULL;
    pthread_mutex_lock(&table_lock);
    struct devpoll *set = sets[fd];
    pthread_mutex_unlock(&table_lock);
    return set;
}

static void free_set(struct devpoll *set) {
    free(set->entries);
    free(set->added);
    free(set);
}

int open(const char *path, int flags, ...) {
    bind_real();
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t) va_arg(ap, int);
        va_end(ap);
    }
    if (strcmp(path, "/dev/poll") != 0) return real_open(path, flags, mode);
    int fd = eventfd(0, (flags & O_CLOEXEC) ? EFD_CLOEXEC : 0);
    if (fd < 0) return -1;
    if (fd >= MAX_DP) { real_close(fd); errno = EMFILE; return -1; }
    struct devpoll *set = calloc(1, sizeof *set);
    if (!set) { real_close(fd); errno = ENOMEM; return -1; }
    pthread_mutex_init(&set->lock, NULL);
    pthread_mutex_lock(&table_lock);
    struct devpoll *stale = sets[fd];
    sets[fd] = set;
    pthread_mutex_unlock(&table_lock);
    if (stale) free_set(stale);
    return fd;
}

static int find(struct devpoll *set, int fd) {
    for (int i = 0; i < set->count; i++) if (set->entries[i].fd == fd) return i;
    return -1;
}

static void remove_at(struct devpoll *set, int at) {
    set->count--;
    set->entries[at] = set->entries[set->count];
    set->added[at] = set->added[set->count];
}

ssize_t write(int fd, const void *buf, size_t n) {
    bind_real();
    struct devpoll *set = lookup(fd);
    if (!set) return real_write(fd, buf, n);
    if (n % sizeof(struct pollfd) != 0) { errno = EINVAL; return -1; }
    const struct pollfd *in = buf;
    size_t entries = n / sizeof(struct pollfd);
    pthread_mutex_lock(&set->lock);
    for (size_t i = 0; i < entries; i++) {
        int at = find(set, in[i].fd);
        if (in[i].events & POLLREMOVE) {
            if (at >= 0) remove_at(set, at);
            continue;
        }
        if (fcntl(in[i].fd, F_GETFD) == -1) { pthread_mutex_unlock(&set->lock); errno = EBADF; return -1; }
        if (at >= 0) { set->entries[at].events |= in[i].events; continue; } /* Solaris ORs a rewritten mask */
        if (set->count == set->capacity) {
            int capacity = set->capacity ? set->capacity * 2 : 16;
            struct pollfd *grown = realloc(set->entries, (size_t) capacity * sizeof *grown);
            if (grown) set->entries = grown;
            unsigned long *grown_added = grown ? realloc(set->added, (size_t) capacity * sizeof *grown_added) : NULL;
            if (!grown_added) { pthread_mutex_unlock(&set->lock); errno = ENOMEM; return -1; }
            set->added = grown_added;
            set->capacity = capacity;
        }
        set->entries[set->count].fd = in[i].fd;
        set->entries[set->count].events = in[i].events;
        set->entries[set->count].revents = 0;
        set->added[set->count] = ++set->adds;
        set->count++;
    }
    pthread_mutex_unlock(&set->lock);
    return (ssize_t) n;
}

static int dp_poll(struct devpoll *set, struct dvpoll *dvp) {
    pthread_mutex_lock(&set->lock);
    int count = set->count;
    struct pollfd *fds = malloc(((size_t) count + 1) * sizeof *fds);
    unsigned long *added = malloc(((size_t) count + 1) * sizeof *added);
    if (!fds || !added) { pthread_mutex_unlock(&set->lock); free(fds); free(added); errno = ENOMEM; return -1; }
    memcpy(fds, set->entries, (size_t) count * sizeof *fds);
    memcpy(added, set->added, (size_t) count * sizeof *added);
    pthread_mutex_unlock(&set->lock);
    int n = poll(fds, (nfds_t) count, dvp->dp_timeout);
    if (n < 0) { int e = errno; free(fds); free(added); errno = e; return -1; }
    int out = 0;
    pthread_mutex_lock(&set->lock);
    for (int i = 0; i < count && (unsigned long) out < dvp->dp_nfds; i++) {
        if (!fds[i].revents) continue;
        /* The poll ran on a snapshot: another thread may have removed the entry since, and maybe added a new one
         * for a new file with the same number. A stale result is not reported (the kernel's set has no such entry),
         * and never drops the new entry, whose registration no later write would repair. */
        int at = find(set, fds[i].fd);
        if (at < 0 || set->added[at] != added[i]) continue;
        if (fds[i].revents & POLLNVAL) { /* closed: it leaves the set */
            if (fcntl(fds[i].fd, F_GETFD) == -1) remove_at(set, at);
            continue;
        }
        dvp->dp_fds[out++] = fds[i];
    }
    pthread_mutex_unlock(&set->lock);
    free(fds);
    free(added);
    return out;
}

int ioctl(int fd, unsigned long request, ...) {
    bind_real();
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    struct devpoll *set = lookup(fd);
    if (!set) return real_ioctl(fd, request, arg);
    if (request == DP_POLL) return dp_poll(set, (struct dvpoll *) arg);
    if (request == DP_ISPOLLED) {
        struct pollfd *query = arg;
        pthread_mutex_lock(&set->lock);
        int at = find(set, query->fd);
        query->revents = at >= 0 ? set->entries[at].events : 0;
        pthread_mutex_unlock(&set->lock);
        return at >= 0 ? 1 : 0;
    }
    errno = EINVAL;
    return -1;
}

int close(int fd) {
    bind_real();
    if (fd >= 0 && fd < MAX_DP) {
        pthread_mutex_lock(&table_lock);
        struct devpoll *set = sets[fd];
        sets[fd] = NULL;
        pthread_mutex_unlock(&table_lock);
        if (set) free_set(set);
    }
    return real_close(fd);
}
