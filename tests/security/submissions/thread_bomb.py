"""Start thousands of threads."""
import threading
import time

# stopped by: limits


def double(x):
    threads = [threading.Thread(target=time.sleep, args=(5,), daemon=True) for _ in range(3000)]
    for thread in threads:
        thread.start()
    return 2 * x
