package comm

import (
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestAgree(t *testing.T) {
	for _, in := range []error{nil, errors.New("disk full"), fmt.Errorf("open x: %w", os.ErrNotExist)} {
		err := RunInProc(3, func(c Comm) error {
			var mine error
			if c.Rank() == 0 {
				mine = in
			} else {
				mine = errors.New("ignored")
			}
			got := Agree(c, mine)
			switch {
			case in == nil && got != nil:
				return fmt.Errorf("rank %d: got %v, want nil", c.Rank(), got)
			case in != nil && (got == nil || got.Error() != in.Error() && got.Error() != in.Error()+": "+os.ErrNotExist.Error()):
				return fmt.Errorf("rank %d: got %v, want %v", c.Rank(), got, in)
			case in != nil && errors.Is(in, os.ErrNotExist) != errors.Is(got, os.ErrNotExist):
				return fmt.Errorf("rank %d: not-exist lost: %v", c.Rank(), got)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
}
