//! The core module's heap: Talc, with a per-call bump arena in front of it.
//!
//! A conversion of a small event makes a few hundred small allocations (a `String` per key and value of
//! the parsed event, of the model and of the written result) and frees all of them before it returns. In
//! the 2 KB conversion of issue 14 the general-purpose allocator's bookkeeping (finding a free block,
//! coalescing gaps, freeing a tree node by node) was about a sixth of the call. Inside a [`Scope`] an
//! allocation instead takes the next bytes of one fixed region and a free is nothing (or gives back the
//! last allocation, so a growing `Vec` or `String` at the top extends in place); when the outermost scope
//! ends, the whole region is free again at once.
//!
//! What does not fit in the region's free space goes to Talc as before, so a large body costs the same as
//! without the arena and memory stays linear in the input. Memory from the region must not be used after
//! its scope ends: a scope wraps only an exported call whose results leave as JS values (handed to a sink
//! or returned as JS objects) before it ends, never a call returning Rust-owned memory to the glue. The
//! module is single-threaded (wasm32 without atomics), which is what makes the `Cell`s sound.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;

/// Bytes of the region: a 2 KB conversion uses about a tenth of it, a 64 KB one most of it.
const REGION_BYTES: usize = 256 * 1024;

/// An allocator (Talc in the core module) behind a bump region that is active while a [`Scope`] is open.
pub struct Arena<A> {
    inner: A,
    /// Start of the region, 0 until the first scope takes it from the inner allocator.
    base: Cell<usize>,
    /// Next free byte of the region.
    top: Cell<usize>,
    /// End of the region.
    end: Cell<usize>,
    /// Start of the newest region allocation still at the top, 0 when there is none: the one a `realloc`
    /// can grow in place and a `dealloc` can give back.
    last: Cell<usize>,
    /// Open scopes.
    depth: Cell<u32>,
    /// Open [`Pause`]s: while there is one, the region is not used.
    paused: Cell<u32>,
}

// SAFETY: the core module runs on one thread (wasm32-unknown-unknown without the atomics feature), so the
// cells are never accessed concurrently.
unsafe impl<A: Sync> Sync for Arena<A> {}

impl<A: GlobalAlloc> Arena<A> {
    /// An arena whose region, and everything that does not fit in it, comes from `inner`.
    pub const fn new(inner: A) -> Self {
        Arena { inner, base: Cell::new(0), top: Cell::new(0), end: Cell::new(0), last: Cell::new(0), depth: Cell::new(0), paused: Cell::new(0) }
    }

    fn in_region(&self, ptr: *mut u8) -> bool {
        let at = ptr as usize;
        self.base.get() != 0 && at >= self.base.get() && at < self.end.get()
    }

    /// The region's next `layout`-sized block, or `None` (no open scope, or not enough room left).
    fn bump(&self, layout: Layout) -> Option<*mut u8> {
        if self.depth.get() == 0 || self.paused.get() > 0 || self.base.get() == 0 {
            return None;
        }
        let start = self.top.get().checked_add(layout.align() - 1)? & !(layout.align() - 1);
        let stop = start.checked_add(layout.size())?;
        if stop > self.end.get() {
            return None;
        }
        self.top.set(stop);
        self.last.set(start);
        Some(start as *mut u8)
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Arena<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.bump(layout) {
            Some(ptr) => ptr,
            // SAFETY: the caller's contract, passed on.
            None => unsafe { self.inner.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.in_region(ptr) {
            if ptr as usize == self.last.get() {
                self.top.set(ptr as usize);
                self.last.set(0);
            }
        } else {
            // SAFETY: not from the region, so from the inner allocator with this layout.
            unsafe { self.inner.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !self.in_region(ptr) {
            // SAFETY: from the inner allocator with this layout; it stays there.
            return unsafe { self.inner.realloc(ptr, layout, new_size) };
        }
        let start = ptr as usize;
        if new_size <= layout.size() {
            if start == self.last.get() {
                self.top.set(start + new_size);
            }
            return ptr;
        }
        if start == self.last.get() && self.depth.get() > 0 && self.paused.get() == 0 && start.checked_add(new_size).is_some_and(|stop| stop <= self.end.get())
        {
            self.top.set(start + new_size);
            return ptr;
        }
        // SAFETY: `new_size` and the alignment form a valid layout (the caller's contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a fresh block of `new_size` bytes, disjoint from `ptr`'s; the old block stays readable
        // until the region is reset, which this call does not do.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size());
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

/// While a value of this type lives, allocations come from the region when they fit; when the outermost
/// one is dropped, the region is empty again. See the module documentation for what may not outlive it.
pub struct Scope<A: GlobalAlloc + 'static>(&'static Arena<A>);

impl<A: GlobalAlloc> Scope<A> {
    /// Open a scope (taking the region from the inner allocator the first time).
    pub fn open(arena: &'static Arena<A>) -> Self {
        if let (0, Ok(layout)) = (arena.base.get(), Layout::from_size_align(REGION_BYTES, 16)) {
            // SAFETY: a valid, non-zero-sized layout. Kept for the instance's life: a null answer leaves the
            // arena off and every allocation to the inner allocator.
            let base = unsafe { arena.inner.alloc(layout) } as usize;
            if base != 0 {
                arena.base.set(base);
                arena.top.set(base);
                arena.end.set(base + REGION_BYTES);
            }
        }
        arena.depth.set(arena.depth.get() + 1);
        Scope(arena)
    }
}

impl<A: GlobalAlloc> Drop for Scope<A> {
    fn drop(&mut self) {
        let arena = self.0;
        arena.depth.set(arena.depth.get().saturating_sub(1));
        if arena.depth.get() == 0 {
            arena.top.set(arena.base.get());
            arena.last.set(0);
        }
    }
}

/// While a value of this type lives, allocations go to the inner allocator even inside a [`Scope`]: for
/// code that may keep what it allocates beyond the call, such as serde-wasm-bindgen, which caches the JS
/// string of each field name in a `thread_local!` map the first time it writes it.
pub struct Pause<A: GlobalAlloc + 'static>(&'static Arena<A>);

impl<A: GlobalAlloc> Pause<A> {
    /// Stop using the region until the returned value is dropped.
    pub fn open(arena: &'static Arena<A>) -> Self {
        arena.paused.set(arena.paused.get() + 1);
        Pause(arena)
    }
}

impl<A: GlobalAlloc> Drop for Pause<A> {
    fn drop(&mut self) {
        self.0.paused.set(self.0.paused.get().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::System;

    use super::*;

    fn arena() -> &'static Arena<System> {
        Box::leak(Box::new(Arena::new(System)))
    }

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    #[test]
    fn a_scope_bumps_and_its_end_empties_the_region() {
        let arena = arena();
        let outside = unsafe { arena.alloc(layout(32)) };
        let (first, second) = {
            let _scope = Scope::open(arena);
            let first = unsafe { arena.alloc(layout(24)) };
            let second = unsafe { arena.alloc(layout(24)) };
            (first as usize, second as usize)
        };
        assert!(!arena.in_region(outside), "no scope, no region");
        assert_eq!(second, first + 24, "consecutive, aligned");
        assert!(arena.in_region(first as *mut u8));
        let _scope = Scope::open(arena);
        assert_eq!(unsafe { arena.alloc(layout(8)) } as usize, first, "the next scope starts over");
        unsafe { arena.dealloc(outside, layout(32)) };
    }

    #[test]
    fn the_last_block_grows_in_place_and_others_move_with_their_bytes() {
        let arena = arena();
        let _scope = Scope::open(arena);
        let a = unsafe { arena.alloc(layout(16)) };
        unsafe { a.write_bytes(7, 16) };
        let grown = unsafe { arena.realloc(a, layout(16), 4096) };
        assert_eq!(grown, a, "the top block extends");
        let b = unsafe { arena.alloc(layout(8)) };
        let moved = unsafe { arena.realloc(a, layout(4096), 8192) };
        assert_ne!(moved, a);
        assert!(moved as usize > b as usize);
        assert!((0..16).all(|i| unsafe { *moved.add(i) } == 7), "the bytes moved with it");
        // Freeing the top block gives its bytes back.
        unsafe { arena.dealloc(moved, layout(8192)) };
        assert_eq!(unsafe { arena.alloc(layout(8)) }, moved);
    }

    #[test]
    fn what_does_not_fit_goes_to_the_inner_allocator_and_back() {
        let arena = arena();
        let _scope = Scope::open(arena);
        let big = unsafe { arena.alloc(layout(REGION_BYTES + 1)) };
        assert!(!big.is_null() && !arena.in_region(big));
        let small = unsafe { arena.alloc(layout(64)) };
        assert!(arena.in_region(small), "the region is still free for what fits");
        // A region block grown past the region's end moves to the inner allocator.
        let moved = unsafe { arena.realloc(small, layout(64), REGION_BYTES + 8) };
        assert!(!arena.in_region(moved));
        unsafe {
            arena.dealloc(big, layout(REGION_BYTES + 1));
            arena.dealloc(moved, layout(REGION_BYTES + 8));
        }
    }

    #[test]
    fn nested_scopes_empty_the_region_only_at_the_outermost_end() {
        let arena = arena();
        let outer = Scope::open(arena);
        let kept = unsafe { arena.alloc(layout(8)) };
        drop(Scope::open(arena));
        let next = unsafe { arena.alloc(layout(8)) };
        assert_eq!(next as usize, kept as usize + 8, "the inner scope's end freed nothing");
        drop(outer);
        let _again = Scope::open(arena);
        assert_eq!(unsafe { arena.alloc(layout(8)) }, kept);
    }

    #[test]
    fn a_pause_keeps_allocations_out_of_the_region() {
        let arena = arena();
        let _scope = Scope::open(arena);
        let kept = {
            let _pause = Pause::open(arena);
            let kept = unsafe { arena.alloc(layout(16)) };
            // A scope opened during the pause does not use the region either.
            drop(Scope::open(arena));
            kept
        };
        assert!(!arena.in_region(kept), "a cache filled during the pause outlives the scope");
        assert!(arena.in_region(unsafe { arena.alloc(layout(16)) }), "the region is back after the pause");
        unsafe { arena.dealloc(kept, layout(16)) };
    }

    #[test]
    fn alignment_is_kept() {
        let arena = arena();
        let _scope = Scope::open(arena);
        let _ = unsafe { arena.alloc(layout(3)) };
        let aligned = unsafe { arena.alloc(Layout::from_size_align(64, 64).unwrap()) };
        assert_eq!(aligned as usize % 64, 0);
    }
}
