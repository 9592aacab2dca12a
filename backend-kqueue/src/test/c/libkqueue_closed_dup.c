/*
 * libkqueue deviation 3: a registered fd closed while a dup keeps its file open stays watched.
 * On the BSDs close(2) drops every knote of that fd, so a later EV_DELETE fails with EBADF and nothing is left.
 * libkqueue cannot see close(2): its epoll registration follows the open file, which the dup keeps alive, and the
 * EV_DELETE of the closed number (which it reports as a success) cannot remove it. The stale epoll entry stays ready,
 * so every kevent wait returns at once with no event: a caller that waits out its timeout in a loop spins.
 * Exit 0: still deviates; 1: libkqueue now waits quietly as the BSDs do; 2: setup error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/event.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return tv.tv_sec + tv.tv_usec / 1e6; }

static double cpu(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

static double wall(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
    int kq = kqueue();
    int p[2];
    if (kq < 0 || pipe(p) < 0 || write(p[1], "x", 1) != 1) { perror("setup"); return 2; }
    struct kevent change, event;
    struct timespec zero = {0, 0}, one = {1, 0};
    EV_SET(&change, p[0], EVFILT_READ, EV_ADD, 0, 0, 0);
    if (kevent(kq, &change, 1, NULL, 0, &zero) < 0) { perror("EV_ADD"); return 2; }
    int copy = dup(p[0]);
    if (copy < 0) { perror("dup"); return 2; }
    close(p[0]);
    EV_SET(&change, p[0], EVFILT_READ, EV_DELETE, 0, 0, 0);
    int deleted = kevent(kq, &change, 1, NULL, 0, &zero);
    const char *delete_result = deleted < 0 ? strerror(errno) : "ok";
    double cpu_before = cpu(), start = wall();
    int n = kevent(kq, NULL, 0, &event, 1, &one);
    double elapsed = wall() - start, busy = cpu() - cpu_before;
    printf("libkqueue_closed_dup: EV_DELETE after close: %s; a 1 s wait returned %d event(s) after %.0f ms, "
           "using %.0f ms of CPU\n", delete_result, n, elapsed * 1000, busy * 1000);
    if (n < 0) { perror("kevent"); return 2; }
    return n > 0 || elapsed < 0.9 || busy > elapsed / 2 ? 0 : 1;
}
