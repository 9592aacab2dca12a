/* C-level checks of the /dev/poll emulator's semantics, so a bug in it cannot hide a bug in the backend. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#undef POLLREMOVE /* Linux headers give it another value; Solaris uses 0x0800 */
#define POLLREMOVE 0x0800
#define DP_POLL 0xD001
#define DP_ISPOLLED 0xD002
struct dvpoll { struct pollfd *dp_fds; unsigned long dp_nfds; int dp_timeout; };

static int (*dp_open)(const char *, int, ...);
static ssize_t (*dp_write)(int, const void *, size_t);
static int (*dp_ioctl)(int, unsigned long, ...);
static int (*dp_close)(int);
static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "FAIL line %d: %s\n", __LINE__, #cond); failures++; } } while (0)

static int set_mask(int dp, int fd, short events) {
    struct pollfd p = { fd, events, 0 };
    return (int) dp_write(dp, &p, sizeof p);
}

/* The emulator's poll(2) calls land here (the executable is linked with -rdynamic), so a check can run code between
 * the emulator's snapshot of its set and its handling of the results, as another thread could. */
static void (*after_poll)(void);

int poll(struct pollfd *fds, nfds_t n, int ms) {
    static int (*real_poll)(struct pollfd *, nfds_t, int);
    if (!real_poll) real_poll = (int (*)(struct pollfd *, nfds_t, int)) dlsym(RTLD_NEXT, "poll");
    int result = real_poll(fds, n, ms);
    void (*hook)(void) = after_poll;
    after_poll = NULL;
    if (hook) hook();
    return result;
}

static int race_dp, race_fd, race_pipe[2];

/* The fd was closed without POLLREMOVE; while DP_POLL holds its POLLNVAL result, "another thread" removes it and
 * registers a new pipe that gets the same number. */
static void reregister_same_number(void) {
    set_mask(race_dp, race_fd, POLLREMOVE);
    if (pipe(race_pipe) != 0) return;
    set_mask(race_dp, race_pipe[0], POLLIN);
}

/* While DP_POLL holds a readable result for it, "another thread" removes the fd. */
static void remove_during_poll(void) {
    set_mask(race_dp, race_fd, POLLREMOVE);
}

static int wait_ready(int dp, struct pollfd *out, int n, int ms) {
    struct dvpoll d = { out, (unsigned long) n, ms };
    return dp_ioctl(dp, DP_POLL, &d);
}

int main(int argc, char **argv) {
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "dlopen: %s\n", dlerror()); return 2; }
    dp_open = dlsym(lib, "open");
    dp_write = dlsym(lib, "write");
    dp_ioctl = dlsym(lib, "ioctl");
    dp_close = dlsym(lib, "close");
    CHECK(sizeof(struct dvpoll) == 24);

    int dp = dp_open("/dev/poll", O_RDWR | O_CLOEXEC);
    CHECK(dp >= 0);
    CHECK((fcntl(dp, F_GETFD) & FD_CLOEXEC) != 0);
    int p[2];
    CHECK(pipe(p) == 0);
    struct pollfd out[8];

    CHECK(set_mask(dp, p[0], POLLIN) == sizeof(struct pollfd));
    CHECK(wait_ready(dp, out, 8, 0) == 0);
    CHECK(dp_write(p[1], "x", 1) == 1); /* a plain fd goes through to libc */
    CHECK(wait_ready(dp, out, 8, 1000) == 1 && out[0].fd == p[0] && (out[0].revents & POLLIN));

    /* Solaris ORs a rewritten mask: POLLOUT after POLLIN watches both */
    CHECK(set_mask(dp, p[1], POLLIN) == sizeof(struct pollfd));
    CHECK(set_mask(dp, p[1], POLLOUT) == sizeof(struct pollfd));
    struct pollfd query = { p[1], 0, 0 };
    CHECK(dp_ioctl(dp, DP_ISPOLLED, &query) == 1 && query.revents == (POLLIN | POLLOUT));
    /* POLLREMOVE then a mask replaces it */
    struct pollfd replace[2] = { { p[1], POLLREMOVE, 0 }, { p[1], POLLOUT, 0 } };
    CHECK(dp_write(dp, replace, sizeof replace) == sizeof replace);
    CHECK(dp_ioctl(dp, DP_ISPOLLED, &query) == 1 && query.revents == POLLOUT);
    CHECK(wait_ready(dp, out, 8, 1000) == 2);
    CHECK(wait_ready(dp, out, 1, 1000) == 1); /* dp_nfds bounds the result */

    /* POLLREMOVE drops it */
    CHECK(set_mask(dp, p[1], POLLREMOVE) == sizeof(struct pollfd));
    CHECK(dp_ioctl(dp, DP_ISPOLLED, &query) == 0);

    /* a closed fd leaves the set; a write for a closed fd is EBADF; bad sizes are EINVAL */
    int q[2];
    CHECK(pipe(q) == 0);
    CHECK(set_mask(dp, q[0], POLLIN) == sizeof(struct pollfd));
    close(q[0]);
    close(q[1]);
    wait_ready(dp, out, 8, 0);
    struct pollfd gone = { q[0], 0, 0 };
    CHECK(dp_ioctl(dp, DP_ISPOLLED, &gone) == 0);
    CHECK(set_mask(dp, q[0], POLLIN) == -1 && errno == EBADF);
    CHECK(dp_write(dp, "abc", 3) == -1 && errno == EINVAL);

    /* a timeout is waited out */
    char c;
    CHECK(read(p[0], &c, 1) == 1);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK(wait_ready(dp, out, 8, 120) == 0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    CHECK((end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000 >= 120);

    /* a registration made while DP_POLL runs on an older snapshot is kept, even for a reused fd number */
    int r[2];
    CHECK(pipe(r) == 0);
    CHECK(set_mask(dp, r[0], POLLIN) == sizeof(struct pollfd));
    close(r[0]);
    race_dp = dp;
    race_fd = r[0];
    after_poll = reregister_same_number;
    wait_ready(dp, out, 8, 0);
    CHECK(race_pipe[0] == r[0]); /* the number came back, as the race needs */
    struct pollfd reused = { race_pipe[0], 0, 0 };
    CHECK(dp_ioctl(dp, DP_ISPOLLED, &reused) == 1 && reused.revents == POLLIN);
    CHECK(write(race_pipe[1], "x", 1) == 1);
    CHECK(wait_ready(dp, out, 8, 1000) == 1 && out[0].fd == race_pipe[0]);
    /* a result for an fd removed while DP_POLL ran is not reported */
    race_fd = race_pipe[0];
    after_poll = remove_during_poll;
    CHECK(wait_ready(dp, out, 8, 0) == 0);
    close(r[1]);
    close(race_pipe[0]);
    close(race_pipe[1]);

    CHECK(dp_close(dp) == 0);
    CHECK(fcntl(dp, F_GETFD) == -1);
    close(p[0]);
    close(p[1]);
    if (failures) { fprintf(stderr, "%d emulator checks failed\n", failures); return 1; }
    printf("/dev/poll emulator (%s): all checks passed\n", argv[1]);
    return 0;
}
