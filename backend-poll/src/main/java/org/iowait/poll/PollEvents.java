package org.iowait.poll;

import static org.iowait.poll.PollSyscalls.POLLERR;
import static org.iowait.poll.PollSyscalls.POLLHUP;
import static org.iowait.poll.PollSyscalls.POLLIN;
import static org.iowait.poll.PollSyscalls.POLLNVAL;
import static org.iowait.poll.PollSyscalls.POLLOUT;
import static org.iowait.poll.PollSyscalls.POLLPRI;

import org.iowait.Selector;

/** Translation between the selector's READ/WRITE bits and poll(2)'s event masks. */
final class PollEvents {
    private PollEvents() {
    }

    static short toPoll(int events) {
        return (short) (((events & Selector.READ) != 0 ? POLLIN : 0) | ((events & Selector.WRITE) != 0 ? POLLOUT : 0));
    }

    /** HUP, ERR and NVAL wake both readers and writers: the next read or write reports the condition. */
    static int fromPoll(int revents) {
        if ((revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
            return Selector.READ | Selector.WRITE;
        }
        return ((revents & (POLLIN | POLLPRI)) != 0 ? Selector.READ : 0) | ((revents & POLLOUT) != 0 ? Selector.WRITE : 0);
    }
}
