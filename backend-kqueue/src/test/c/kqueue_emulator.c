/*
 * A kqueue ABI emulator for Linux, so the kqueue backend can be tested where there is no kqueue.
 *
 * It exports kqueue() and kevent() with the struct kevent of macOS (default), FreeBSD >= 12
 * (-DKEVENT_FREEBSD12: int64 data and ext[4]) or FreeBSD < 12 and libkqueue (-DKEVENT_FREEBSD11: 32 bytes as on
 * macOS, FreeBSD's EVFILT_USER), and implements, over poll(2):
 *   EVFILT_READ (data = bytes readable, EV_EOF on hang-up), EVFILT_WRITE, EVFILT_USER (NOTE_TRIGGER, NOTE_FF*),
 *   EV_ADD, EV_DELETE, EV_ENABLE, EV_DISABLE, EV_ONESHOT, EV_CLEAR, EV_RECEIPT, EV_ERROR,
 * with registrations keyed by (ident, filter) and change errors returned as EV_ERROR entries.
 * The kqueue fd is a real eventfd, so close() and close-on-exec behave; it is also written to wake a blocked
 * kevent() when another thread changes the registrations.
 * Not modelled: EVFILT_VNODE/PROC/SIGNAL/TIMER, EV_DISPATCH, NOTE_LOWAT, kqueues watching kqueues, fork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

struct kevent {
    uintptr_t ident;
    int16_t filter;
    uint16_t flags;
    uint32_t fflags;
#ifdef KEVENT_FREEBSD12
    int64_t data;
    void *udata;
    uint64_t ext[4];
#else
    intptr_t data;
    void *udata;
#endif
};

#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#if defined(KEVENT_FREEBSD12) || defined(KEVENT_FREEBSD11)
#define EVFILT_USER (-11)
#else
#define EVFILT_USER (-10)
#endif

#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_ENABLE 0x0004
#define EV_DISABLE 0x0008
#define EV_ONESHOT 0x0010
#define EV_CLEAR 0x0020
#define EV_RECEIPT 0x0040
#define EV_ERROR 0x4000
#define EV_EOF 0x8000

#define NOTE_FFNOP 0x00000000u
#define NOTE_FFAND 0x40000000u
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_FFCTRLMASK 0xc0000000u
#define NOTE_FFLAGSMASK 0x00ffffffu
#define NOTE_TRIGGER 0x01000000u

struct reg {
    uintptr_t ident;
    int16_t filter;
    uint16_t flags;     /* EV_ONESHOT | EV_CLEAR | EV_DISABLE as last set */
    uint32_t fflags;    /* EVFILT_USER's stored flags */
    void *udata;
    int triggered;      /* EVFILT_USER */
    int64_t last;       /* EV_CLEAR: what was seen last (bytes readable, writable flag, eof flag) */
    int eof_seen;
};

struct kq {
    int fd;
    pthread_mutex_t lock;
    struct reg *regs;
    int count, capacity;
    unsigned generation; /* bumped on every change, so a waiter knows to rebuild */
};

#define MAX_KQ 65536
static struct kq *kqs[MAX_KQ];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

int kqueue(void) {
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd < 0) return -1;
    if (fd >= MAX_KQ) { close(fd); errno = EMFILE; return -1; }
    struct kq *q = calloc(1, sizeof *q);
    if (!q) { close(fd); errno = ENOMEM; return -1; }
    q->fd = fd;
    pthread_mutex_init(&q->lock, NULL);
    pthread_mutex_lock(&table_lock);
    struct kq *stale = kqs[fd]; /* a kqueue closed with plain close(): its number came back */
    kqs[fd] = q;
    pthread_mutex_unlock(&table_lock);
    if (stale) { free(stale->regs); free(stale); }
    return fd;
}

static struct kq *lookup(int fd) {
    if (fd < 0 || fd >= MAX_KQ) return NULL;
    pthread_mutex_lock(&table_lock);
    struct kq *q = kqs[fd];
    pthread_mutex_unlock(&table_lock);
    if (q && fcntl(fd, F_GETFD) == -1) return NULL; /* closed */
    return q;
}

static struct reg *find(struct kq *q, uintptr_t ident, int16_t filter) {
    for (int i = 0; i < q->count; i++)
        if (q->regs[i].ident == ident && q->regs[i].filter == filter) return &q->regs[i];
    return NULL;
}

static void drop(struct kq *q, struct reg *r) {
    *r = q->regs[--q->count];
}

static void wake(struct kq *q) {
    uint64_t one = 1;
    ssize_t ignored = write(q->fd, &one, sizeof one);
    (void) ignored;
}

static uint32_t apply_fflags(uint32_t stored, uint32_t given) {
    uint32_t value = given & NOTE_FFLAGSMASK;
    switch (given & NOTE_FFCTRLMASK) {
        case NOTE_FFAND: return stored & value;
        case NOTE_FFOR: return stored | value;
        case NOTE_FFCOPY: return value;
        default: return stored;
    }
}

/* Applies one change; returns 0 or an errno. Caller holds q->lock. */
static int apply(struct kq *q, const struct kevent *c) {
    if (c->filter != EVFILT_READ && c->filter != EVFILT_WRITE && c->filter != EVFILT_USER) return EINVAL;
    if (c->filter != EVFILT_USER && fcntl((int) c->ident, F_GETFD) == -1) {
        /* A kernel drops an fd's knotes when it is closed; the emulator cannot see close(), so it drops them the
           first time it notices (here, or POLLNVAL in collect). Keeping them would let the number's next file,
           opened by any thread, fire for a registration its owner already gave up. */
        struct reg *r;
        if ((r = find(q, c->ident, EVFILT_READ))) drop(q, r);
        if ((r = find(q, c->ident, EVFILT_WRITE))) drop(q, r); /* looked up after the first drop moved a slot */
        return EBADF;
    }
    struct reg *r = find(q, c->ident, c->filter);
    if (c->flags & EV_ADD) {
        if (!r) {
            if (q->count == q->capacity) {
                int capacity = q->capacity ? q->capacity * 2 : 16;
                struct reg *grown = realloc(q->regs, capacity * sizeof *grown);
                if (!grown) return ENOMEM;
                q->regs = grown;
                q->capacity = capacity;
            }
            r = &q->regs[q->count++];
            memset(r, 0, sizeof *r);
            r->ident = c->ident;
            r->filter = c->filter;
        }
        r->flags = (r->flags & EV_DISABLE) | (c->flags & (EV_ONESHOT | EV_CLEAR));
        r->last = 0;
        r->eof_seen = 0;
    } else if (!r) {
        return ENOENT;
    }
    if (c->flags & EV_DELETE) { drop(q, r); return 0; }
    r->udata = c->udata; /* as FreeBSD's kqueue_register and libkqueue: every change, a bare NOTE_TRIGGER too */
    if (c->flags & EV_DISABLE) r->flags |= EV_DISABLE;
    if (c->flags & EV_ENABLE) r->flags &= ~EV_DISABLE;
    if (c->filter == EVFILT_USER) {
        r->fflags = apply_fflags(r->fflags, c->fflags);
        if (c->fflags & NOTE_TRIGGER) r->triggered = 1;
    }
    return 0;
}

static int64_t readable_bytes(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) == -1) return 1; /* e.g. a listening socket: one pending connection or more */
    return n;
}

/* Fills out with what is ready now; caller holds q->lock. */
static int collect(struct kq *q, struct pollfd *fds, struct kevent *out, int nevents) {
    int n = 0;
    for (int i = 0; i < q->count && n < nevents; i++) {
        struct reg *r = &q->regs[i];
        if (r->flags & EV_DISABLE) continue;
        struct kevent e = {0};
        e.ident = r->ident;
        e.filter = r->filter;
        e.udata = r->udata;
        e.flags = EV_ADD | (r->flags & (EV_ONESHOT | EV_CLEAR));
        int ready = 0;
        if (r->filter == EVFILT_USER) {
            ready = r->triggered;
            e.fflags = r->fflags;
            if (ready && (r->flags & EV_CLEAR)) r->triggered = 0;
        } else {
            short re = fds[i].revents;
            int eof = (re & (POLLHUP | POLLERR | POLLRDHUP)) != 0;
            if (r->filter == EVFILT_READ) {
                int64_t avail = (re & (POLLIN | POLLHUP | POLLERR | POLLRDHUP)) ? readable_bytes((int) r->ident) : 0;
                ready = avail > 0 || eof;
                if (r->flags & EV_CLEAR) {
                    ready = avail > r->last || (eof && !r->eof_seen);
                    r->last = avail;
                    r->eof_seen = eof;
                }
                e.data = avail;
            } else {
                int writable = (re & POLLOUT) != 0;
                ready = writable || eof;
                if (r->flags & EV_CLEAR) {
                    ready = (writable && !r->last) || (eof && !r->eof_seen);
                    r->last = writable;
                    r->eof_seen = eof;
                }
                e.data = writable ? 65536 : 0;
            }
            if (eof) e.flags |= EV_EOF;
            if (re & POLLNVAL) { /* closed: the kernel drops the knote with its last close */
                drop(q, r); fds[i] = fds[q->count]; i--;
                continue;
            }
        }
        if (!ready) continue;
        out[n++] = e;
        if (r->flags & EV_ONESHOT) { drop(q, r); fds[i] = fds[q->count]; i--; }
    }
    return n;
}

static long remaining_ms(const struct timespec *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec + 999999) / 1000000;
    return ms < 0 ? 0 : ms;
}

int kevent(int kqfd, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents,
           const struct timespec *timeout) {
    struct kq *q = lookup(kqfd);
    if (!q) { errno = EBADF; return -1; }
    if (nchanges < 0 || nevents < 0) { errno = EINVAL; return -1; }
    int placed = 0;
    pthread_mutex_lock(&q->lock);
    for (int i = 0; i < nchanges; i++) {
        int error = apply(q, &changelist[i]);
        if (error || (changelist[i].flags & EV_RECEIPT)) {
            if (placed < nevents) {
                eventlist[placed] = changelist[i];
                eventlist[placed].flags = EV_ERROR;
                eventlist[placed].data = error;
                placed++;
            } else if (error) {
                pthread_mutex_unlock(&q->lock);
                errno = error;
                return -1;
            }
        }
    }
    if (nchanges > 0) { q->generation++; wake(q); }
    pthread_mutex_unlock(&q->lock);
    if (placed > 0 || nevents == 0) return placed; /* as FreeBSD: receipts and errors return at once */

    struct timespec deadline;
    if (timeout) {
        if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L) { errno = EINVAL; return -1; }
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout->tv_sec;
        deadline.tv_nsec += timeout->tv_nsec;
        if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    }
    for (;;) {
        pthread_mutex_lock(&q->lock);
        int count = q->count;
        unsigned generation = q->generation;
        struct pollfd *fds = calloc((size_t) count + 1, sizeof *fds);
        if (!fds) { pthread_mutex_unlock(&q->lock); errno = ENOMEM; return -1; }
        int user_ready = 0;
        for (int i = 0; i < count; i++) {
            struct reg *r = &q->regs[i];
            fds[i].fd = (r->filter == EVFILT_USER || (r->flags & EV_DISABLE)) ? -1 : (int) r->ident;
            fds[i].events = r->filter == EVFILT_READ ? POLLIN | POLLRDHUP : POLLOUT;
            if (r->filter == EVFILT_USER && r->triggered && !(r->flags & EV_DISABLE)) user_ready = 1;
        }
        fds[count].fd = q->fd; /* woken by changes from other threads */
        fds[count].events = POLLIN;
        pthread_mutex_unlock(&q->lock);

        long ms = user_ready ? 0 : timeout ? remaining_ms(&deadline) : -1;
        int n = poll(fds, (nfds_t) count + 1, ms > 0x7fffffffL ? 0x7fffffff : (int) ms);
        if (n < 0) { int e = errno; free(fds); errno = e; return -1; } /* EINTR included, as kevent does */
        if (fds[count].revents) { uint64_t drained; ssize_t ignored = read(q->fd, &drained, sizeof drained); (void) ignored; }

        pthread_mutex_lock(&q->lock);
        int got = 0;
        if (q->generation == generation) { /* nobody changed the set meanwhile: the revents line up */
            got = collect(q, fds, eventlist, nevents);
        }
        pthread_mutex_unlock(&q->lock);
        free(fds);
        if (got > 0) return got;
        if (timeout && remaining_ms(&deadline) == 0) return 0;
    }
}
