/* C-level checks of the kqueue emulator's semantics, so a bug in it cannot hide a bug in the backend. */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef KEVENT_FREEBSD12
struct kevent { uintptr_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; uint64_t ext[4]; };
#define EVFILT_USER (-11)
#define EXPECTED_SIZE 64
#elif defined(KEVENT_FREEBSD11)
struct kevent { uintptr_t ident; int16_t filter; uint16_t flags; uint32_t fflags; intptr_t data; void *udata; };
#define EVFILT_USER (-11)
#define EXPECTED_SIZE 32
#else
struct kevent { uintptr_t ident; int16_t filter; uint16_t flags; uint32_t fflags; intptr_t data; void *udata; };
#define EVFILT_USER (-10)
#define EXPECTED_SIZE 32
#endif
#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#define EV_ADD 0x1
#define EV_DELETE 0x2
#define EV_ENABLE 0x4
#define EV_DISABLE 0x8
#define EV_ONESHOT 0x10
#define EV_CLEAR 0x20
#define EV_RECEIPT 0x40
#define EV_ERROR 0x4000
#define EV_EOF 0x8000
#define NOTE_TRIGGER 0x01000000u
#define NOTE_FFOR 0x80000000u

static int (*kq_open)(void);
static int (*kev)(int, const struct kevent *, int, struct kevent *, int, const struct timespec *);
static int failures;

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "FAIL line %d: %s\n", __LINE__, #cond); failures++; } } while (0)

static struct kevent ev(uintptr_t ident, int16_t filter, uint16_t flags, uint32_t fflags, void *udata) {
    struct kevent e;
    memset(&e, 0, sizeof e);
    e.ident = ident; e.filter = filter; e.flags = flags; e.fflags = fflags; e.udata = udata;
    return e;
}

static int wait_events(int kq, struct kevent *out, int n, long ms) {
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    return kev(kq, NULL, 0, out, n, &t);
}

int main(int argc, char **argv) {
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) { fprintf(stderr, "dlopen %s: %s\n", argv[1], dlerror()); return 2; }
    kq_open = (int (*)(void)) dlsym(lib, "kqueue");
    kev = (int (*)(int, const struct kevent *, int, struct kevent *, int, const struct timespec *)) dlsym(lib, "kevent");
    CHECK(sizeof(struct kevent) == EXPECTED_SIZE);
    int kq = kq_open();
    CHECK(kq >= 0);
    int p[2];
    CHECK(pipe(p) == 0);
    struct kevent out[8];

    /* read filter: nothing, then data == bytes available, level-triggered */
    struct kevent add = ev((uintptr_t) p[0], EVFILT_READ, EV_ADD, 0, (void *) 0x1234);
    CHECK(kev(kq, &add, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 0) == 0);
    CHECK(write(p[1], "hello", 5) == 5);
    CHECK(wait_events(kq, out, 8, 1000) == 1);
    CHECK(out[0].ident == (uintptr_t) p[0] && out[0].filter == EVFILT_READ && out[0].data == 5);
    CHECK(out[0].udata == (void *) 0x1234);
    CHECK(wait_events(kq, out, 8, 0) == 1);

    /* EV_CLEAR: once per new data, not for a partial read */
    struct kevent clear = ev((uintptr_t) p[0], EVFILT_READ, EV_ADD | EV_CLEAR, 0, NULL);
    CHECK(kev(kq, &clear, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 1000) == 1);
    CHECK(wait_events(kq, out, 8, 50) == 0);
    char buf[8];
    CHECK(read(p[0], buf, 2) == 2);
    CHECK(wait_events(kq, out, 8, 50) == 0);
    CHECK(write(p[1], "x", 1) == 1);
    CHECK(wait_events(kq, out, 8, 1000) == 1);

    /* EV_DISABLE / EV_ENABLE, EV_DELETE, ENOENT for an unknown one as an EV_ERROR entry */
    struct kevent disable = ev((uintptr_t) p[0], EVFILT_READ, EV_DISABLE, 0, NULL);
    CHECK(kev(kq, &disable, 1, NULL, 0, NULL) == 0);
    struct kevent level = ev((uintptr_t) p[0], EVFILT_READ, EV_ADD, 0, NULL);
    CHECK(kev(kq, &level, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 50) == 0); /* EV_ADD keeps it disabled */
    struct kevent enable = ev((uintptr_t) p[0], EVFILT_READ, EV_ENABLE, 0, NULL);
    CHECK(kev(kq, &enable, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 1000) == 1);
    struct kevent del = ev((uintptr_t) p[0], EVFILT_READ, EV_DELETE, 0, NULL);
    CHECK(kev(kq, &del, 1, NULL, 0, NULL) == 0);
    CHECK(kev(kq, &del, 1, out, 8, NULL) == 1);
    CHECK(out[0].flags == EV_ERROR && out[0].data == ENOENT);
    CHECK(kev(kq, &del, 1, NULL, 0, NULL) == -1 && errno == ENOENT);

    /* EV_RECEIPT: an entry per change, data 0, and no waiting */
    struct kevent receipt = ev((uintptr_t) p[1], EVFILT_WRITE, EV_ADD | EV_RECEIPT, 0, NULL);
    CHECK(kev(kq, &receipt, 1, out, 8, NULL) == 1);
    CHECK(out[0].flags == EV_ERROR && out[0].data == 0);
    CHECK(wait_events(kq, out, 8, 1000) == 1 && out[0].filter == EVFILT_WRITE);

    /* EV_ONESHOT: one report, then gone */
    struct kevent once = ev((uintptr_t) p[1], EVFILT_WRITE, EV_ADD | EV_ONESHOT, 0, NULL);
    CHECK(kev(kq, &once, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 1000) == 1);
    CHECK(wait_events(kq, out, 8, 50) == 0);

    /* EVFILT_USER with NOTE_TRIGGER and fflags, EV_CLEAR resets it; as on FreeBSD, macOS and libkqueue, every
       change (a bare trigger too) stores its udata */
    struct kevent user = ev(42, EVFILT_USER, EV_ADD | EV_CLEAR, 0, (void *) 7);
    CHECK(kev(kq, &user, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 50) == 0);
    struct kevent trigger = ev(42, EVFILT_USER, 0, NOTE_TRIGGER | NOTE_FFOR | 0x5, (void *) 9);
    CHECK(kev(kq, &trigger, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 1000) == 1 && out[0].ident == 42 && out[0].fflags == 0x5
          && out[0].udata == (void *) 9);
    CHECK(wait_events(kq, out, 8, 50) == 0);

    /* EV_EOF when the writer closes; EBADF for a closed fd */
    struct kevent rd = ev((uintptr_t) p[0], EVFILT_READ, EV_ADD, 0, NULL);
    CHECK(kev(kq, &rd, 1, NULL, 0, NULL) == 0);
    close(p[1]);
    int n = wait_events(kq, out, 8, 1000);
    CHECK(n >= 1 && (out[0].flags & EV_EOF));
    struct kevent bad = ev(999, EVFILT_READ, EV_ADD, 0, NULL);
    CHECK(kev(kq, &bad, 1, out, 8, NULL) == 1 && out[0].flags == EV_ERROR && out[0].data == EBADF);

    /* a timeout is waited out */
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct kevent del_rd = ev((uintptr_t) p[0], EVFILT_READ, EV_DELETE, 0, NULL);
    CHECK(kev(kq, &del_rd, 1, NULL, 0, NULL) == 0);
    CHECK(wait_events(kq, out, 8, 120) == 0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    CHECK((end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000 >= 120);

    close(p[0]);

    /* a registered fd closed, its EV_DELETE refused with EBADF, then its number reused: the new file is not watched,
       as the kernel dropped the knote on close */
    CHECK(pipe(p) == 0);
    struct kevent watch = ev((uintptr_t) p[0], EVFILT_READ, EV_ADD, 0, NULL);
    CHECK(kev(kq, &watch, 1, NULL, 0, NULL) == 0);
    int number = p[0];
    close(p[0]);
    struct kevent forget = ev((uintptr_t) number, EVFILT_READ, EV_DELETE, 0, NULL);
    CHECK(kev(kq, &forget, 1, NULL, 0, NULL) == -1 && errno == EBADF);
    int reused[2];
    CHECK(pipe(reused) == 0 && reused[0] == number);
    CHECK(write(reused[1], "x", 1) == 1);
    CHECK(wait_events(kq, out, 8, 0) == 0);
    close(reused[0]);
    close(reused[1]);
    close(p[1]);

    close(kq);
    CHECK(kev(kq, NULL, 0, out, 8, NULL) == -1 && errno == EBADF);
    if (failures) { fprintf(stderr, "%d emulator checks failed\n", failures); return 1; }
    printf("kqueue emulator (%s): all checks passed\n", argv[1]);
    return 0;
}
