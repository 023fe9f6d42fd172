// The stacked layout (small terminals) shows one pane at a time: this line names them all,
// marks the one showing, and says how to move (tab / shift-tab).
import {memo} from 'react';
import {Box, Text} from 'ink';
import {Styled} from '../theme-context.js';
import {paneOrder, type PaneId} from '../ui-state.js';

const names: Record<PaneId, string> = {navigator: 'navigator', stream: 'stream', routes: 'routes', mtls: 'mTLS'};

export const TabBar = memo(function TabBar({focus, width}: {focus: PaneId; width: number}) {
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate-end">
				{paneOrder.map((id, i) => (
					<Text key={id}>
						{i > 0 ? <Styled token="muted"> · </Styled> : null}
						<Styled token={id === focus ? 'focusTitle' : 'muted'}>{` ${names[id]} `}</Styled>
					</Text>
				))}
				<Styled token="muted">{`  ${paneOrder.indexOf(focus) + 1}/${paneOrder.length} · tab next`}</Styled>
			</Text>
		</Box>
	);
});
