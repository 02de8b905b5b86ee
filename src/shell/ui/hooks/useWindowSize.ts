// The terminal's size, updated when it is resized.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

interface WindowSize {
  columns: number;
  rows: number;
}

const sizeOf = (stdout: NodeJS.WriteStream): WindowSize => ({ columns: stdout.columns || 100, rows: stdout.rows || 30 });

export function useWindowSize(): WindowSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
