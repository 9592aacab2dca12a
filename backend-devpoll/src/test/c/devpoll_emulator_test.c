/* C-level checks of the /dev/poll emulator's semantics, so a bug in it cannot hide a bug in the backend. */
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

    CHECK(dp_close(dp) == 0);
    CHECK(fcntl(dp, F_GETFD) == -1);
    close(p[0]);
    close(p[1]);
    if (failures) { fprintf(stderr, "%d emulator checks failed\n", failures); return 1; }
    printf("/dev/poll emulator (%s): all checks passed\n", argv[1]);
    return 0;
}
