package main

// Element-wise complex linear algebra on blocks of two rows (re, im) of W
// lanes, one vector register per row (kernels.AxpyGo, kernels.XpayGo):
//
//	axpy  y = a*x + y:  yr += ar*xr - ai*xi,  yi += ar*xi + ai*xr
//	xpay  y = x + a*y:  yr = xr + ar*yr - ai*yi,  yi = xi + ar*yi + ai*yr
//
// on n blocks, each product sum formed in the order of the Go loop (the
// Go compiler on arm64 fuses the same way where it fuses). x may be y.

const (
	rLAr = 0 // then free
	rLX  = 1
	rLY  = 2
	rLN  = 3
	vAr  = 30
	vAi  = 31
)

// linalgHeader loads the arguments (ar, ai, then x, y, n) and branches to
// done when n is 0.
func linalgHeader(e *emitter, name, sig string, arFirst bool) {
	e.line("// func %s(%s)", name, sig)
	size := 8
	if e.bits == 32 {
		size = 4
	}
	// Argument offsets: the two scalars are adjacent; pointers are
	// 8-aligned after them.
	var offAr, offAi, offX, offY, offN int
	if arFirst { // (ar, ai, x, y, n)
		offAr, offAi = 0, size
		offX = (2*size + 7) &^ 7
		offY, offN = offX+8, offX+16
	} else { // (x, ar, ai, y, n)
		offX, offAr, offAi = 0, 8, 8+size
		offY = (8 + 2*size + 7) &^ 7
		offN = offY + 8
	}
	e.line("TEXT ·%s(SB), NOSPLIT, $0-%d", name, offN+8)
	mov := "MOVD"
	if e.bits == 32 {
		mov = "MOVWU"
	}
	e.ins("%s ar+%d(FP), R%d", mov, offAr, rLAr)
	e.dup(vAr, rLAr)
	e.ins("%s ai+%d(FP), R%d", mov, offAi, rLAr)
	e.dup(vAi, rLAr)
	e.ins("MOVD x+%d(FP), R%d", offX, rLX)
	e.ins("MOVD y+%d(FP), R%d", offY, rLY)
	e.ins("MOVD n+%d(FP), R%d", offN, rLN)
	e.ins("CBZ R%d, done", rLN)
	e.ptrue()
	e.line("loop:")
}

func linalgFooter(e *emitter) {
	e.advance(rLX, 2)
	e.advance(rLY, 2)
	e.ins("SUB $1, R%d", rLN)
	e.ins("CBNZ R%d, loop", rLN)
	e.line("done:")
	e.ins("RET")
	e.line("")
}

// axpy writes the TEXT block of y = a*x + y on n blocks.
func axpy(e *emitter) {
	t := e.goType()
	linalgHeader(e, "axpy"+e.name()+itoa(e.bits), "ar, ai "+t+", x, y *"+t+", n int", true)
	e.load(0, rLX, 0)
	e.load(1, rLX, 1)
	e.load(2, rLY, 0)
	e.load(3, rLY, 1)
	e.fmul(4, vAr, 0) // ar*xr - ai*xi
	e.fmls(4, vAi, 1)
	e.fmul(5, vAr, 1) // ar*xi + ai*xr
	e.fmla(5, vAi, 0)
	e.fadd(2, 2, 4)
	e.fadd(3, 3, 5)
	e.store(2, rLY, 0)
	e.store(3, rLY, 1)
	linalgFooter(e)
}

// xpay writes the TEXT block of y = x + a*y on n blocks.
func xpay(e *emitter) {
	t := e.goType()
	linalgHeader(e, "xpay"+e.name()+itoa(e.bits), "x *"+t+", ar, ai "+t+", y *"+t+", n int", false)
	e.load(0, rLX, 0)
	e.load(1, rLX, 1)
	e.load(2, rLY, 0)
	e.load(3, rLY, 1)
	e.fmla(0, vAr, 2) // (xr + ar*yr) - ai*yi
	e.fmls(0, vAi, 3)
	e.fmla(1, vAr, 3) // (xi + ar*yi) + ai*yr
	e.fmla(1, vAi, 2)
	e.store(0, rLY, 0)
	e.store(1, rLY, 1)
	linalgFooter(e)
}
