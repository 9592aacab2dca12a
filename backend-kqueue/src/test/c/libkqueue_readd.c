/*
 * libkqueue deviation 1: EV_ADD for a filter already registered on a pipe or socket fails.
 * On FreeBSD, macOS and OpenBSD an EV_ADD of an existing (ident, filter) updates the knote and succeeds; libkqueue's
 * Linux EVFILT_READ/EVFILT_WRITE modify hooks refuse it unless EV_CLEAR is set, returning -1 without setting errno,
 * so the receipt carries whatever errno the thread had left over: 0 in a fresh C program (the refusal then looks
 * like success, which is why a plain C replay of the backend's calls "worked"), EBADF or ENOENT in a JVM. This
 * program leaves EXDEV in errno first, so the leftover shows. The backend never re-adds a filter that is there.
 * Exit 0: still deviates; 1: libkqueue now behaves as the BSDs (drop the workaround's README note); 2: setup error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/event.h>
#include <sys/socket.h>
#include <unistd.h>

static int readd(int kq, int fd, short filter) {
    struct kevent change, receipt;
    errno = EXDEV; /* what an earlier, unrelated call might have left */
    struct timespec zero = {0, 0};
    EV_SET(&change, fd, filter, EV_ADD | EV_RECEIPT, 0, 0, 0);
    if (kevent(kq, &change, 1, &receipt, 1, &zero) != 1) return -1;
    return (int) receipt.data; /* EV_ERROR is set on every receipt; data is the errno, 0 on success */
}

int main(void) {
    int kq = kqueue();
    int sv[2];
    if (kq < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) { perror("setup"); return 2; }
    int first = readd(kq, sv[0], EVFILT_WRITE);
    int again = readd(kq, sv[0], EVFILT_WRITE);
    printf("libkqueue_readd: EV_ADD EVFILT_WRITE on a socket: %s; the same EV_ADD again: %s\n",
           first == 0 ? "ok" : strerror(first), again == 0 ? "ok" : strerror(again));
    if (first != 0) return 2;
    return again == EXDEV ? 0 : again == 0 ? 1 : 2;
}
