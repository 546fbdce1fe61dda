package serve

import "sync"

// broker hands the version of each finished build to every open page.
type broker struct {
	mu   sync.Mutex
	subs map[chan int]bool
}

func newBroker() *broker { return &broker{subs: map[chan int]bool{}} }

func (b *broker) subscribe() chan int {
	ch := make(chan int, 1)
	b.mu.Lock()
	b.subs[ch] = true
	b.mu.Unlock()
	return ch
}

func (b *broker) unsubscribe(ch chan int) {
	b.mu.Lock()
	delete(b.subs, ch)
	b.mu.Unlock()
}

// publish tells every subscriber about build v without ever blocking: a
// page that has not yet read the previous event only needs the latest.
func (b *broker) publish(v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case <-ch:
		default:
		}
		ch <- v
	}
}
