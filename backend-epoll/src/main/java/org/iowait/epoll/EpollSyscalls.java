package org.iowait.epoll;

import java.nio.ByteBuffer;

import org.iowait.posix.NativeBuffer;
import org.iowait.posix.NativeLayout;

/**
 * epoll's constants and {@code struct epoll_event}, the one layout table both native layers use; the calls are in
 * {@link EpollCalls}.
 *
 * <p>{@code struct epoll_event { uint32_t events; epoll_data_t data; }} is declared {@code __attribute__((packed))}
 * on x86 only, so it is 12 bytes with {@code data} at offset 4 on x86_64 and i386, and 16 bytes with {@code data} at
 * offset 8 on aarch64, armhf, riscv64, ppc64 and s390x. The layout and the pointer width come from
 * {@link NativeLayout}; on ILP32 the JNA binding ({@link EpollJna}) passes pointers as {@code int}.
 */
final class EpollSyscalls {
    static final int EPOLLIN = 0x001;
    static final int EPOLLPRI = 0x002;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLONESHOT = 1 << 30;
    static final int EPOLLET = 1 << 31;

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    /** O_CLOEXEC's value on the architectures the layout table knows. */
    static final int EPOLL_CLOEXEC = 0x80000;

    private static final NativeLayout LAYOUT = NativeLayout.host();
    /** sizeof(struct epoll_event) on this architecture. */
    static final int EVENT_SIZE = LAYOUT.epollEventSize();
    /** offsetof(struct epoll_event, data). */
    static final int DATA_OFFSET = LAYOUT.epollDataOffset();

    /** The system calls, bound by the running native layer. */
    static final EpollCalls CALLS = EpollCalls.CALLS;

    private EpollSyscalls() {
    }

    static String opName(int op) {
        return switch (op) {
            case EPOLL_CTL_ADD -> "ADD";
            case EPOLL_CTL_DEL -> "DEL";
            case EPOLL_CTL_MOD -> "MOD";
            default -> String.valueOf(op);
        };
    }

    /** A native array of {@code struct epoll_event} read through a native-order view: no Structure per event. */
    static final class EventArray implements AutoCloseable {
        private final NativeBuffer memory;
        private final ByteBuffer view;
        private final long address;
        private final int capacity;

        EventArray(int capacity) {
            this.capacity = capacity;
            this.memory = NativeBuffer.allocate((long) capacity * EVENT_SIZE);
            this.view = memory.view();
            this.address = memory.address();
        }

        int capacity() {
            return capacity;
        }

        long address() {
            return address;
        }

        int events(int index) {
            return view.getInt(index * EVENT_SIZE);
        }

        /** The fd kept in {@code data}; stored as the whole 64-bit value so the byte order does not matter. */
        int fd(int index) {
            return (int) view.getLong(index * EVENT_SIZE + DATA_OFFSET);
        }

        void set(int index, int events, int fd) {
            view.putInt(index * EVENT_SIZE, events);
            view.putLong(index * EVENT_SIZE + DATA_OFFSET, fd);
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
